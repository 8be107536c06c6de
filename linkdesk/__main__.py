"""`python -m linkdesk`: the same as the `linkdesk` command."""

import sys

from linkdesk.cli import main

sys.exit(main())
