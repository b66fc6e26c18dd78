package story

import (
	"container/list"

	"github.com/newsim/newsim/represent"
)

// profileCache is a least-recently-used cache of member profiles, so that
// the exemplars of busy stories stay in memory. Not safe for concurrent use.
type profileCache struct {
	max   int
	ll    *list.List // front: most recently used
	items map[int64]*list.Element
}

type cached struct {
	id int64
	p  *represent.Profile
}

func newProfileCache(max int) *profileCache {
	return &profileCache{max: max, ll: list.New(), items: map[int64]*list.Element{}}
}

func (c *profileCache) get(id int64) *represent.Profile {
	if e, ok := c.items[id]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cached).p
	}
	return nil
}

func (c *profileCache) put(id int64, p *represent.Profile) {
	if e, ok := c.items[id]; ok {
		e.Value.(*cached).p = p
		c.ll.MoveToFront(e)
		return
	}
	c.items[id] = c.ll.PushFront(&cached{id, p})
	for c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*cached).id)
	}
}

func (c *profileCache) drop(id int64) {
	if e, ok := c.items[id]; ok {
		c.ll.Remove(e)
		delete(c.items, id)
	}
}
