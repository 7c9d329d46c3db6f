# ./eda test (in progress)
