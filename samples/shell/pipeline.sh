#!/bin/sh
# A shell pipeline: three processes connected by pipes.
printf 'alpha\nbeta\ngamma\n' | tr a-z A-Z | wc -l
