package deploy

import "bytes"

// lineSplitter is an io.Writer that cuts a byte stream into lines and hands each one to emit
// as it completes. It keeps at most max bytes of a line and counts the rest as dropped, so a
// child printing a 10 MB line costs max bytes of memory, not 10 MB.
//
// emit must not keep the slice it is given: the buffer is reused for the next line.
type lineSplitter struct {
	max     int
	buf     []byte
	dropped int
	emit    func(line []byte, dropped int)
}

func newLineSplitter(max int, emit func(line []byte, dropped int)) *lineSplitter {
	return &lineSplitter{max: max, emit: emit}
}

// Write never fails: a child's output must be drained whatever we make of it.
func (s *lineSplitter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		chunk := p
		if i >= 0 {
			chunk = p[:i]
		}
		keep := min(len(chunk), max(s.max-len(s.buf), 0))
		if need := len(s.buf) + keep; need > cap(s.buf) {
			// Double, but never past max: append's own growth would overshoot it.
			grown := make([]byte, len(s.buf), min(max(2*cap(s.buf), need, 4096), s.max))
			copy(grown, s.buf)
			s.buf = grown
		}
		s.buf = append(s.buf, chunk[:keep]...)
		s.dropped += len(chunk) - keep
		if i < 0 {
			break
		}
		s.flush()
		p = p[i+1:]
	}
	return n, nil
}

// Close emits a last line that had no newline.
func (s *lineSplitter) Close() error {
	if len(s.buf) > 0 || s.dropped > 0 {
		s.flush()
	}
	return nil
}

func (s *lineSplitter) flush() {
	line := s.buf
	if s.dropped == 0 {
		line = bytes.TrimSuffix(line, []byte("\r"))
	}
	s.emit(line, s.dropped)
	s.buf = s.buf[:0]
	s.dropped = 0
}
