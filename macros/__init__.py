"""The Excel side (VBA, ribbon, its schema): shipped with smep-xl as smep_xl.resources.macros."""
