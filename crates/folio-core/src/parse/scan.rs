//! A small cursor for the hand-written matchers that replace regular
//! expressions (compiling a regex costs more than parsing a whole article).
//!
//! Each method matches one regex element at the cursor and advances only on
//! success, so an optional group is `let save = s.pos(); if !group(&mut s) {
//! s.set(save) }`.

/// A position in a string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scan<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    /// A cursor at the start of `s`.
    pub fn new(s: &'a str) -> Self {
        Scan { s, i: 0 }
    }

    /// The byte offset of the cursor.
    pub fn pos(&self) -> usize {
        self.i
    }

    /// Moves the cursor back to `pos` (from [`Scan::pos`]).
    pub fn set(&mut self, pos: usize) {
        self.i = pos;
    }

    /// The text after the cursor.
    pub fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }

    /// `$`: the cursor is at the end.
    pub fn at_end(&self) -> bool {
        self.i == self.s.len()
    }

    /// The character at the cursor.
    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// One character for which `f` holds (a character class); returns it.
    pub fn eat_if(&mut self, f: impl Fn(char) -> bool) -> Option<char> {
        let c = self.peek().filter(|&c| f(c))?;
        self.i += c.len_utf8();
        Some(c)
    }

    /// The character `c` (`c` or, optionally, `c?`).
    pub fn eat(&mut self, c: char) -> bool {
        self.eat_if(|x| x == c).is_some()
    }

    /// The literal `lit`.
    pub fn eat_str(&mut self, lit: &str) -> bool {
        let ok = self.rest().starts_with(lit);
        if ok {
            self.i += lit.len();
        }
        ok
    }

    /// `\s*` (Unicode white space, as the regex crate's `\s`).
    pub fn spaces(&mut self) {
        while self.eat_if(char::is_whitespace).is_some() {}
    }

    /// `\s*[class]\s*`: one character for which `f` holds, with white
    /// space around it; returns it.
    pub fn spaced(&mut self, f: impl Fn(char) -> bool) -> Option<char> {
        self.spaces();
        let c = self.eat_if(f)?;
        self.spaces();
        Some(c)
    }

    /// `[0-9]{min,max}`, greedy: at least `min` and at most `max` ASCII
    /// digits. Greedy without backtracking is exact wherever the element
    /// after it cannot start with a digit.
    pub fn digits(&mut self, min: usize, max: usize) -> Option<&'a str> {
        let n = self
            .rest()
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if n < min {
            return None;
        }
        let d = &self.s[self.i..self.i + n];
        self.i += n;
        Some(d)
    }

    /// `(.*)$`: the rest of the text, when it has no line break (`.` does not
    /// match `\n`).
    pub fn tail(&self) -> Option<&'a str> {
        let r = self.rest();
        (!r.contains('\n')).then_some(r)
    }
}
