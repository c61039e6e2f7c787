"""The letter and audit-form templates: shipped with smep-xl as smep_xl.resources.templates."""
