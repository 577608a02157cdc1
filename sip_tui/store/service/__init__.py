"""The service API (`Store`): the one write pipeline, the reads, who is who."""
