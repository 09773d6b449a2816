// Writes dist/, which is not in the repository.
