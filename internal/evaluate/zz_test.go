package evaluate

import (
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	name := os.Getenv("ZZ_ART")
	if name == "" {
		t.Skip()
	}
	data, err := os.ReadFile("/work/shared/corpus/articles/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	gold, err := readLabels("/work/shared/corpus/labels/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/vdump/orig.txt", data, 0o644)
	for _, v := range Variants(data, gold) {
		os.WriteFile("/tmp/vdump/"+v.Name+".txt", v.Text, 0o644)
	}
}
