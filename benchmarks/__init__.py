"""Speed measured on demand (`make bench`), as ratios against a plain baseline in the same run."""
