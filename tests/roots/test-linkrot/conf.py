extensions = ["sphinx_readinglist"]
show_warning_types = True
# the addresses are those of a server the test starts on 127.0.0.1
linkcheck_timeout = 10
linkcheck_workers = 2
linkcheck_retries = 1
linkcheck_anchors = False
# Sphinx 8's default; Sphinx 7.4 warns unless it is set
linkcheck_report_timeouts_as_broken = False
