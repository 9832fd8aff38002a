package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"github.com/klauspost/compress/gzip"
)

// ErrTooLarge is returned when a file decompresses to more than the cap:
// a gzip bomb, or a cap set too low for the real files.
var ErrTooLarge = errors.New("decompressed data exceeds the cap")

// countingReader counts the bytes read from the file on disk.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// cappedReader fails with ErrTooLarge once more than max bytes came out.
type cappedReader struct {
	r    io.Reader
	left int64
	max  int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One more byte tells a file of exactly max bytes from a larger one.
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			return 0, fmt.Errorf("%w of %s", ErrTooLarge, byteSize(c.max))
		}
		return c.r.Read(p)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// openData opens path for reading its decompressed lines: gzip when the
// name ends in .gz (or the data starts with the gzip magic), plain text
// otherwise. Bytes read from disk are added to read.
func openData(path string, maxDecompressed int64, read *atomic.Int64) (io.ReadCloser, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	var src io.Reader = countingReader{f, read}
	var magic [2]byte
	n, _ := io.ReadFull(f, magic[:])
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, 0, err
	}
	gz := strings.HasSuffix(path, ".gz") || (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
	var r io.Reader = src
	closer := func() error { return f.Close() }
	if gz {
		zr, err := gzip.NewReader(src)
		if err != nil {
			f.Close()
			if errors.Is(err, io.EOF) {
				return nil, 0, fmt.Errorf("empty gzip file")
			}
			return nil, 0, fmt.Errorf("not a gzip file: %w", err)
		}
		r = zr
		closer = func() error { zr.Close(); return f.Close() }
	}
	if maxDecompressed > 0 {
		r = &cappedReader{r: r, left: maxDecompressed, max: maxDecompressed}
	}
	return readCloser{r, closer}, st.Size(), nil
}

type readCloser struct {
	io.Reader
	close func() error
}

func (r readCloser) Close() error { return r.close() }

// chunk is a run of complete lines cut from the decompressed stream.
type chunk struct {
	seq   int
	data  []byte   // the buffer the lines are slices of
	lines [][]byte // without the line end; a CR before LF is removed
	nums  []int64  // the physical line number of each line (the header is line 1)
	long  []int64  // line numbers of lines longer than the limit (dropped)
	end   int64    // the last line the chunk completes
	bytes int64    // decompressed bytes in the chunk
	read  int64    // compressed bytes read so far, at the chunk's end
}

// lineSplitter cuts a stream into chunks of about chunkSize bytes of
// whole lines. Lines longer than maxLine are not kept: their numbers go to
// chunk.long and the splitter skips to the next line end.
type lineSplitter struct {
	r         io.Reader
	read      *atomic.Int64
	maxLine   int
	chunkSize int
	buf       []byte // unconsumed bytes
	line      int64  // number of the next line
	skipping  bool   // inside an overlong line
	seq       int
	eof       bool
	lastLines int // lines in the previous chunk, to size the next
}

func newLineSplitter(r io.Reader, read *atomic.Int64, maxLine, chunkSize int) *lineSplitter {
	return &lineSplitter{r: r, read: read, maxLine: maxLine, chunkSize: chunkSize, line: 1}
}

// next returns the next chunk, or io.EOF. Read errors (truncated gzip,
// the cap) are returned after the chunk of complete lines before them.
func (s *lineSplitter) next() (*chunk, error) {
	if s.eof && len(s.buf) == 0 {
		return nil, io.EOF
	}
	// Fill a fresh buffer with the leftover and new data.
	size := max(s.chunkSize, len(s.buf)*2)
	data := make([]byte, len(s.buf), size)
	copy(data, s.buf)
	s.buf = nil
	var rerr error
	for len(data) < cap(data) && !s.eof {
		n, err := s.r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			s.eof = true
			break
		}
		if err != nil {
			rerr = err
			s.eof = true
			break
		}
		if bytes.IndexByte(data[len(data)-n:], '\n') >= 0 && len(data) >= cap(data)/2 {
			break
		}
	}
	c := &chunk{seq: s.seq, data: data}
	if s.lastLines > 0 {
		n := s.lastLines + s.lastLines/8 + 16
		c.lines, c.nums = make([][]byte, 0, n), make([]int64, 0, n)
	}
	s.seq++
	rest := data
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		line := rest[:i]
		rest = rest[i+1:]
		if s.skipping {
			s.skipping = false
			s.line++
			continue
		}
		if len(line) > s.maxLine {
			c.long = append(c.long, s.line)
		} else {
			c.lines = append(c.lines, bytes.TrimSuffix(line, []byte{'\r'}))
			c.nums = append(c.nums, s.line)
		}
		s.line++
	}
	// No line end: keep the partial line unless it is already too long.
	if len(rest) > s.maxLine && !s.skipping {
		c.long = append(c.long, s.line)
		s.skipping = true
	}
	if s.skipping {
		rest = nil
	}
	if s.eof && len(rest) > 0 && rerr == nil {
		// A last line without a line end.
		c.lines = append(c.lines, bytes.TrimSuffix(rest, []byte{'\r'}))
		c.nums = append(c.nums, s.line)
		s.line++
		rest = nil
	}
	if s.eof && s.skipping && rerr == nil {
		s.skipping = false
		s.line++
	}
	if rerr != nil {
		rest = nil // the partial line before a read error is lost
	}
	s.buf = rest
	s.lastLines = len(c.lines)
	c.end = s.line - 1
	c.bytes = int64(len(data) - len(rest))
	if s.read != nil {
		c.read = s.read.Load()
	}
	return c, rerr
}
