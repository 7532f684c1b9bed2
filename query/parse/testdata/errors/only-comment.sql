-- nothing to see here
/* really */
