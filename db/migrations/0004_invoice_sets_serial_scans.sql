-- The Invoice Management queries on invoice_sets are short index scans (a page, the four
-- card counts). Measured at 1M sets on 2 cores (bench/): starting parallel workers costs
-- more than it saves (cards 16 ms serial vs 20-29 ms with a Gather; the full-table count is
-- no faster in parallel). Plan this table's scans without parallel workers.
ALTER TABLE "invoice_sets" SET (parallel_workers = 0);
