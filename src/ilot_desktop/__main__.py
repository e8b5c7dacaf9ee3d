from ilot_desktop.cli import main

raise SystemExit(main())
