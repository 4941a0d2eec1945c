"""Import stage, clean: the parts of cleaning a flattened text dump.

``textclean.clean_dump`` is the stage's entry; these modules are its steps: the site's
learned boilerplate (``boilerplate``), what a dump's words and lines are (``lineshape``),
the article among the page's furniture (``maintext``), the headline above it
(``headline``), the day and byline under it (``byline``), what the page shows after
it (``tails``) and the repairs inside a line (``inline``).
"""

__all__: list[str] = []
