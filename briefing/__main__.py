"""`python -m briefing` runs the same CLI as the console script."""

from briefing.cli import main

if __name__ == "__main__":
    main()
