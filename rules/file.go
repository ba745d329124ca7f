package rules

import (
	"github.com/kiez-go/kiez/internal/source"
)

// The types in this file mirror the rule-file format one to one; Load
// decodes a file into them and then builds a RuleSet. Field names in the
// file are the json names.

type fileProgramme struct {
	Programme    string                `json:"programme"`
	Name         string                `json:"name"`
	Authority    string                `json:"authority"`
	Version      string                `json:"version"`
	Description  string                `json:"description"`
	Land         string                `json:"land"`
	Sources      []fileSource          `json:"sources"`
	Requirements []fileRequirement     `json:"requirements"`
	Params       map[string]*fileParam `json:"params"`
	Rules        []fileRule            `json:"rules"`
	Manual       []fileManual          `json:"manual"`
	fileValidity
}

type fileSource struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date"`
	File  string `json:"file"`
	URL   string `json:"url"`
}

type fileRequirement struct {
	ID     source.Text `json:"id"`
	Text   string      `json:"text"`
	Source fileCite    `json:"source"`
	Check  []string    `json:"check"`
}

type fileCite struct {
	Doc     string `json:"doc"`
	Section string `json:"section"`
}

type fileParam struct {
	Title          string        `json:"title"`
	Type           source.Text   `json:"type"`
	Unit           string        `json:"unit"`
	Source         fileCite      `json:"source"`
	Interpretation string        `json:"interpretation"`
	Requirements   []string      `json:"requirements"`
	History        []fileHistory `json:"history"`
}

type fileHistory struct {
	From  source.Text  `json:"from"`
	Value *source.Node `json:"value"`
	Note  string       `json:"note"`
}

type fileRule struct {
	ID           source.Text    `json:"id"`
	Title        string         `json:"title"`
	Description  string         `json:"description"`
	Requirements []source.Text  `json:"requirements"`
	Source       fileCite       `json:"source"`
	Severity     source.Text    `json:"severity"`
	Scope        source.Text    `json:"scope"`
	Each         source.Text    `json:"each"`
	Subject      source.Text    `json:"subject"`
	When         source.Text    `json:"when"`
	Let          source.Entries `json:"let"`
	Needs        source.Text    `json:"needs"`
	IfMissing    source.Text    `json:"ifMissing"`
	Assert       source.Text    `json:"assert"`
	Message      source.Text    `json:"message"`
	Evidence     source.Entries `json:"evidence"`
	fileValidity
	fileVerdicts
	// Translations gives the rule's title and messages in other
	// languages, by ISO 639-1 code (en).
	Translations map[string]*fileTranslation `json:"translations"`
}

// fileTranslation is a rule's title and message templates in another
// language than the rule file's.
type fileTranslation struct {
	Title   source.Text `json:"title"`
	Message source.Text `json:"message"`
	fileVerdicts
}

// fileValidity is the validity of a rule file (its header) or of one rule.
type fileValidity struct {
	ValidFrom  source.Text `json:"validFrom"`
	ValidUntil source.Text `json:"validUntil"`
}

// fileVerdicts are the German texts of a rule's verdicts that its
// assertion does not reach.
type fileVerdicts struct {
	NotApplicable source.Text `json:"notApplicable"`
	Missing       source.Text `json:"missing"`
}

type fileManual struct {
	Requirement source.Text `json:"requirement"`
	Reason      string      `json:"reason"`
	Evidence    string      `json:"evidence"`
}
