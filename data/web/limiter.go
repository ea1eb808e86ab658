package web

import (
	"context"
	"sync"
)

// The default limits of a fetch loop.
const (
	DefaultMaxConcurrent = 8
	DefaultMaxPerHost    = 2
)

// Limiter bounds how many fetches run at once: in all, and per host.
type Limiter struct {
	all     chan struct{}
	perHost int
	mu      sync.Mutex
	hosts   map[string]*hostSlots
}

// hostSlots are one host's slots and how many fetches hold or await them.
type hostSlots struct {
	slots chan struct{}
	users int
}

// NewLimiter returns a Limiter of total fetches at once, perHost of them
// to one host (each at least 1).
func NewLimiter(total, perHost int) *Limiter {
	return &Limiter{all: make(chan struct{}, max(total, 1)), perHost: max(perHost, 1), hosts: map[string]*hostSlots{}}
}

// Acquire waits for a slot for host, then for one in all, and returns
// the function that gives both back; an error when ctx ends first.
func (l *Limiter) Acquire(ctx context.Context, host string) (release func(), err error) {
	h := l.host(host)
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		l.leave(host, h)
		return nil, ctx.Err()
	}
	select {
	case l.all <- struct{}{}:
	case <-ctx.Done():
		<-h.slots
		l.leave(host, h)
		return nil, ctx.Err()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-l.all
			<-h.slots
			l.leave(host, h)
		})
	}, nil
}

// host returns the slots of host, counting one more user.
func (l *Limiter) host(host string) *hostSlots {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.hosts[host]
	if h == nil {
		h = &hostSlots{slots: make(chan struct{}, l.perHost)}
		l.hosts[host] = h
	}
	h.users++
	return h
}

// leave counts one user less of host's slots, dropping them when none is
// left.
func (l *Limiter) leave(host string, h *hostSlots) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if h.users--; h.users == 0 {
		delete(l.hosts, host)
	}
}
