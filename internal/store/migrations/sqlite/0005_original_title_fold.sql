-- Films by original title, for the extractor's catalog lookups
-- (FilmsByTitleFolds): only the films whose original title folds
-- differently from their title, since films_title_fold_idx finds the
-- others. Keep in step with the other dialect's
-- 0005_original_title_fold.sql.
CREATE INDEX films_original_title_fold_idx ON films (original_title_fold, id) WHERE original_title_fold <> title_fold;
