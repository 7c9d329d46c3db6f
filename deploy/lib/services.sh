# services (in progress)
