"""The build: outputs written all or nothing, the render cache, notebooks, paths and the CLI."""
