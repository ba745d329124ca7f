package rules

import "sort"

// Coverage says, for a programme's requirement catalogue, which rules check
// each requirement, which requirements are explained as manual, and which
// are neither.
type Coverage struct {
	// Checked maps a requirement id to the ids of the rules citing it.
	Checked map[string][]string `json:"checked"`
	// Manual lists the requirements in the manual section.
	Manual []string `json:"manual"`
	// Missing lists the catalogue requirements neither checked nor manual.
	Missing []string `json:"missing"`
}

// Complete reports whether every requirement is checked or manual.
func (c Coverage) Complete() bool { return len(c.Missing) == 0 }

// Coverage computes the programme's coverage of its catalogue.
func (p *RuleSet) Coverage() Coverage {
	c := Coverage{Checked: map[string][]string{}, Manual: []string{}, Missing: []string{}}
	for _, r := range p.Rules {
		for _, id := range r.Requirements {
			c.Checked[id] = append(c.Checked[id], r.ID)
		}
	}
	manual := map[string]bool{}
	for _, m := range p.Manual {
		if !manual[m.Requirement] {
			manual[m.Requirement] = true
			c.Manual = append(c.Manual, m.Requirement)
		}
	}
	for _, req := range p.Requirements {
		if len(c.Checked[req.ID]) == 0 && !manual[req.ID] {
			c.Missing = append(c.Missing, req.ID)
		}
	}
	sort.Strings(c.Manual)
	return c
}
