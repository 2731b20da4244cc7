package gen

func (g *gen) docPages(samples []*sample) ([]File, error) { return nil, nil }
