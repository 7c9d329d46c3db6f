# ./eda services (in progress)
