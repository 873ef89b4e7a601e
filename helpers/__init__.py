"""Plumbing for the *Your First Neural Network* course.

Four modules, each with one job:

- :mod:`helpers.data` loads MNIST (a local file first, the Keras download last);
- :mod:`helpers.plotting` draws the figures the lessons share, in one style;
- :mod:`helpers.checks` checks exercise answers and prints a ✓ or a hint;
- :mod:`helpers.memory` keeps lesson 08's memory down on Linux (glibc's allocator settings).

Everything a lesson *teaches* lives in the notebooks, not here.
"""

__version__ = "1.0.0"
