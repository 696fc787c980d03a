from runcoach.cli.main import main

main()
