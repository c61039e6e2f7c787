"""Packaging that pyproject.toml cannot say alone: the product's own files, shipped inside smep_xl.

The top-level templates/, macros/ and workbooks/ folders are the one source of the letter
templates, the Excel side and the master workbook. Each is mapped to a package under
smep_xl.resources, so a wheel carries them and an editable install finds them in place;
smep_xl/resources/__init__.py reads them through importlib.resources, never by path.
"""

from setuptools import find_packages, setup

RESOURCES = {
    "smep_xl.resources.templates": ("templates", ["*.docx", "*.txt", "*.html"]),
    "smep_xl.resources.macros": ("macros", ["*.bas", "*.xml", "*.xsd"]),
    "smep_xl.resources.workbooks": ("workbooks", ["SMEP_Master.xlsm"]),
}

setup(
    packages=find_packages(include=["smep_xl", "smep_xl.*"]) + list(RESOURCES),
    package_dir={package: folder for package, (folder, _) in RESOURCES.items()},
    package_data={package: files for package, (_, files) in RESOURCES.items()},
    include_package_data=False,
)
