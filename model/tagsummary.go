package model

// TagSpelling is how many articles count one spelling for a tag (see
// EachTag): what an index keeps to give a collection's tags without
// loading it.
type TagSpelling struct {
	Key      string // TagKey
	Spelling string
	Folder   bool // a folder name: the display name only when no article spells the tag
	Count    int
}

// TagsFromSpellings returns the tags a collection whose articles count
// these spellings would give (Collection.Tags): the same names, counts and
// order. A spelling may come several times (from several indexes): the
// counts add up.
func TagsFromSpellings(spellings []TagSpelling) []Tag {
	var tags []tagEntry
	index := map[string]int32{}
	for _, s := range spellings {
		if s.Key == "" || s.Count <= 0 {
			continue
		}
		ti, ok := index[s.Key]
		if !ok {
			ti = int32(len(tags))
			index[s.Key] = ti
			tags = append(tags, tagEntry{Tag: Tag{Key: s.Key}, spellings: map[string]int{}, folders: map[string]int{}})
		}
		tags[ti].count(s.Spelling, s.Folder, s.Count)
	}
	order := make([]int32, len(tags))
	for i := range order {
		order[i] = int32(i)
	}
	sortTags(order, tags)
	out := make([]Tag, len(order))
	for i, ti := range order {
		out[i] = tags[ti].Tag
	}
	return out
}
