package stats

// SetFlowTrees turns the counting of flows on an earlier tree on or off (tests).
func SetFlowTrees(on bool) { flowTrees = on }
