"""`python -m smep_xl` is the `smep` command."""

from smep_xl.cli import main

if __name__ == "__main__":
    main()
