package fetch

import (
	"context"
	"time"
)

// hostGate lets one request at a time reach a host and spaces them out.
type hostGate struct {
	sem  chan struct{} // capacity 1: held for the whole request
	last time.Time     // when the previous request to the host ended
}

// acquire waits for the host's turn (or for ctx to end) and returns the
// function that ends the turn.
func (c *Client) acquire(ctx context.Context, host string) (func(), error) {
	c.mu.Lock()
	g := c.hosts[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, 1)}
		c.hosts[host] = g
	}
	c.mu.Unlock()

	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// g.last is only touched while holding sem.
	if wait := time.Until(g.last.Add(c.hostInterval())); wait > 0 && !g.last.IsZero() {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-g.sem
			return nil, ctx.Err()
		}
	}
	return func() {
		g.last = time.Now()
		<-g.sem
	}, nil
}

func (c *Client) hostInterval() time.Duration {
	switch {
	case c.HostInterval < 0:
		return 0
	case c.HostInterval == 0:
		return DefaultHostInterval
	}
	return c.HostInterval
}
