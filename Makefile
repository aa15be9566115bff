# The two commands of README.rst, and a few more.  Each one installs what it
# needs first (setup/bootstrap is idempotent).
.PHONY: demo test bench serve lint

demo:   ## the main job, end to end, on the sandbox's demo shop
	setup/demo

test:   ## every test: sandbox (pytest), Odoo addons (post_install), end to end
	setup/run-tests

bench:  ## measured cost: requests per record, records per second
	setup/bench

serve:  ## Odoo with the job runner on the demo database, and the sandbox
	setup/demo --serve
