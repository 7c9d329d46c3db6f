# ./eda build (in progress)
