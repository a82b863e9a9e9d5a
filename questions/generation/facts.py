"""Term facts: "<term> <predicate>" clauses read from dependency parses.

A fact keeps the subject term (pronoun openers resolved to the heading, list label or previous subject), the
predicate as written (hedges included), its relation (definition, cause, effect, property) and, for
definitions and causes, the object phrase that can become an option.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy
from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

from .corpus import Corpus, Sentence
from .grammar import agreement_token, clause_is_plural, hedge_from_opening, hedge_position, inflect, is_finite
from .text import HEDGES, is_anecdotal, tokens

CONTRAST_MARKS = {"while", "whereas", "although", "though", "but"}
DROP_ADVERBS = {"however", "also", "therefore", "thus", "instead", "moreover", "furthermore", "additionally",
                "specifically", "for instance", "for example"}
NONRESTRICTIVE = {"relcl", "advcl", "acl", "npadvmod", "appos", "conj", "cc", "parataxis", "dep"}
CLAUSE_OPENERS = {"which", "who", "where", "leading", "causing", "affecting", "creating", "forming", "alongside",
                  "although", "but", "while", "whereas", "especially", "making", "resulting",
                  "bringing", "continuing", "as", "though", "so", "a", "an"}
ASIDE_PHRASES = {"on the other hand", "for instance", "for example", "in contrast", "in summary"}
ASIDE_WORDS = frozenset(word for phrase in ASIDE_PHRASES for word in phrase.split())
PRONOUN_SUBJECTS = {"it", "this", "this process", "they", "this type"}
MAIN_CLAUSE = {"ROOT", "conj", "ccomp"}
CAUSE_PATTERNS = (("due", "to"), ("result", "of"), ("result", "from"), ("caused", "by"), ("because", "of"))
CAUSE_FORMS = tuple((frozenset({first, first + "s", first + "ed"}), second) for first, second in CAUSE_PATTERNS)
EFFECT_PATTERNS = (("lead", "to"), ("leads", "to"), ("led", "to"), ("result", "in"), ("results", "in"),
                   ("contribute", "to"), ("contributes", "to"))


@dataclass(frozen=True)
class TermFact:
    term: str
    subject_text: str
    predicate: str
    relation: str
    obj: str
    sentence: Sentence
    plural: bool = False
    partner: str = ""
    resolved: bool = False
    subject_plural: bool = False
    agree: tuple[int, int, str, str] | None = None
    copular: bool = False

    @property
    def statement(self) -> str:
        return f"{self.subject_text} {self.predicate_for(self.subject_plural) or self.predicate}"

    def predicate_for(self, plural: bool) -> str | None:
        """The predicate agreeing with a subject of the given number ("builds" ↔ "build", "is" ↔ "are").

        None when only the noun could change too ("is a cell that …" cannot become "are a cell that …")."""
        if plural == self.plural or self.agree is None:
            return self.predicate
        start, end, lemma, tag = self.agree
        word = self.predicate[start:end]
        new = inflect(word, lemma, tag, plural)
        if new == word:
            return self.predicate
        if self.copular:
            return None
        return self.predicate[:start] + new + self.predicate[end:]


class Tree:
    """A parsed sentence's tokens, their words and the dependency tree, read once per sentence.

    spaCy makes a new Token object on every doc[i], decodes a new string on every token.text or token.lower_, and
    walks the tree again for each Token.children and Token.subtree (through nested generators); reading a
    sentence's facts asks for the same ones many times. `children` and `subtree` give spaCy's tokens in its order.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = list(doc)
        # doc.to_array(HEAD) holds each head as an offset from its token, stored unsigned.
        offsets = doc.to_array(HEAD).view(numpy.int64).tolist()
        self.heads = [i + offset for i, offset in enumerate(offsets)]
        self._kids: list[list[int]] = [[] for _ in self.tokens]
        for i, head in enumerate(self.heads):
            if head != i:
                self._kids[head].append(i)

    @cached_property
    def texts(self) -> list[str]:
        return [t.text for t in self.tokens]

    @cached_property
    def lowers(self) -> list[str]:
        return [t.lower_ for t in self.tokens]

    def head(self, token: Token) -> Token:
        return self.tokens[self.heads[token.i]]

    def children(self, token: Token) -> list[Token]:
        """token.children: the left children, then the right ones, each in sentence order."""
        return [self.tokens[i] for i in self._kids[token.i]]

    def subtree(self, token: Token) -> list[Token]:
        """token.subtree: each left child's subtree, the token, then each right child's subtree."""
        found: list[Token] = []
        self._collect(token.i, found)
        return found

    def _collect(self, index: int, found: list[Token]) -> None:
        kids = self._kids[index]
        for child in kids:
            if child < index:
                self._collect(child, found)
        found.append(self.tokens[index])
        for child in kids:
            if child > index:
                self._collect(child, found)

    def subtree_indices(self, token: Token) -> set[int]:
        """{t.i for t in token.subtree}"""
        found: set[int] = set()
        stack = [token.i]
        while stack:
            index = stack.pop()
            found.add(index)
            stack.extend(self._kids[index])
        return found


def _subject_tokens(tree: Tree, subject: Token) -> list[Token]:
    """The subject phrase without trailing parentheses or appositions ("Ossification (or osteogenesis)")."""
    result = []
    for tok in tree.subtree(subject):
        if tok.text == "(" or tok.dep_ == "appos" or tok.text == ",":
            break
        result.append(tok)
    return result


def _excluded(tree: Tree, verb: Token, subject: Token) -> set[int]:
    """Token indices that are not part of the predicate: other clauses, asides and trailing modifiers."""
    excluded = tree.subtree_indices(subject)
    for child in tree.children(verb):
        text = tree.texts[child.i].lower()
        dep = child.dep_
        if dep == "punct" and text != "-":
            excluded.add(child.i)
            continue
        if dep == "advmod" and text in DROP_ADVERBS:
            drop = True
        elif dep == "prep" and tree.lowers[child.i] in ASIDE_WORDS and \
                " ".join(t.lower_ for t in tree.subtree(child)) in ASIDE_PHRASES:
            drop = True
        elif dep == "advcl" and (child.i < verb.i or _marks(tree, child, text) & CONTRAST_MARKS):
            drop = True
        elif dep in {"conj", "cc", "parataxis"} and child.i > verb.i:
            drop = True
        elif dep in NONRESTRICTIVE and child.i > verb.i and child.left_edge.i > 0:
            drop = tree.texts[child.left_edge.i - 1] in {",", ";", "—", "–"}
        else:
            drop = False
        if drop:
            excluded |= tree.subtree_indices(child)
    return excluded


def _marks(tree: Tree, child: Token, text: str) -> set[str]:
    """The clause's subordinating words ("while", "although", "but") and the clause head itself."""
    return {t.lower_ for t in tree.children(child) if t.dep_ in {"mark", "cc"}} | {text}


def _predicate(tree: Tree, verb: Token, subject: Token) -> Span | None:
    texts, lowers = tree.texts, tree.lowers
    excluded = _excluded(tree, verb, subject)
    members = sorted(i for i in tree.subtree_indices(verb) if i not in excluded and i > subject.i)
    if not members:
        return None
    start = members[0]
    end = start
    for index in members[1:]:
        if index != end + 1:
            break
        end = index
    for index in range(start, end):
        if texts[index] in {",", ";", "—", "–", ":"} and lowers[index + 1] in CLAUSE_OPENERS:
            end = index
            break
    while end > start and (tree.tokens[end].is_punct or lowers[end] in {"and", "or", "but", "which"}):
        end -= 1
    inside = texts[start : end + 1]
    opened = inside.count("(") - inside.count(")")
    if opened > 0 and end + 1 < len(texts) and texts[end + 1] == ")":
        end += 1
    span = tree.doc[start : end + 1]
    if verb.i < start or verb.i > end:
        return None
    return span


def _render(tree: Tree, verb: Token, subject: Token, predicate: Span) -> tuple[str, tuple[int, int, str, str] | None]:
    """Predicate text with any opening hedge re-inserted, and where its agreeing verb sits (char offsets)."""
    words = tree.texts[predicate.start : predicate.end]
    spaces = [t.whitespace_ for t in tree.tokens[predicate.start : predicate.end]]
    target = agreement_token(verb)
    agree_at = target.i - predicate.start if target is not None and predicate.start <= target.i <= predicate.end - 1 \
        else -1
    hedge = hedge_from_opening(verb, subject)
    if hedge and hedge not in {w.lower() for w in words}:
        position = hedge_position(agree_at, verb.i - predicate.start, verb.lemma_ == "be")
        words.insert(position, hedge)
        spaces.insert(position, " ")
        if position > 0:
            spaces[position - 1] = spaces[position - 1] or " "
        if position <= agree_at:
            agree_at += 1
    text, offsets = "", []
    for word, space in zip(words, spaces, strict=True):
        offsets.append(len(text))
        text += word + space
    agree = None
    if agree_at >= 0 and target is not None:
        start = offsets[agree_at]
        agree = (start, start + len(words[agree_at]), target.lemma_, target.tag_)
    return text.strip(), agree


def _relation(tree: Tree, verb: Token, predicate: Span) -> tuple[str, str]:
    words = tree.lowers[predicate.start : predicate.end]
    pairs = list(zip(words, words[1:], strict=False))
    if not (verb.lemma_ == "be" and predicate[1:2].text in {"the", "a", "an"}):
        for forms, second in CAUSE_FORMS:
            for i, (word, following) in enumerate(pairs):
                if following == second and word in forms:
                    return "cause", predicate[i + 2 :].text
    for pattern in EFFECT_PATTERNS:
        if pattern in pairs:
            return "effect", predicate[pairs.index(pattern) + 2 :].text
    children = tree.children(verb)
    hedged = any(c.dep_ in {"aux", "advmod"} for c in children if c.i < verb.i or c.lower_ in HEDGES)
    if verb.lemma_ == "be" and not hedged:
        attr = next((c for c in children if c.dep_ == "attr"), None)
        if attr is not None and attr.pos_ in {"NOUN", "PROPN"}:
            dets = [c.lower_ for c in tree.children(attr) if c.dep_ == "det"]
            has_detail = any(c.dep_ in {"prep", "relcl", "acl"} for c in tree.children(attr))
            superlative = any(c.tag_ in {"JJS", "RBS"} for c in tree.subtree(attr))
            if dets and dets[0] in {"the", "a", "an"} and has_detail and not superlative:
                return "definition", predicate[attr.left_edge.i - predicate.start :].text
    if verb.lemma_ == "refer" and words[:2] in (["refers", "to"], ["refer", "to"]):
        return "definition", predicate[2:].text
    return "property", ""


def _resolve(subject_tokens: list[Token], sentence: Sentence, corpus: Corpus, previous: str | None,
             local: str | None = None) -> str | None:
    """The term a subject names; a pronoun stands for an earlier subject of the same sentence (`local`), else
    the list label, the heading (first sentence of a block) or the previous sentence's subject."""
    text = " ".join(t.text for t in subject_tokens)
    key = corpus.lexicon.lookup(text)
    if key:
        return key
    if text.lower() in PRONOUN_SUBJECTS or text.lower().startswith("this type of"):
        if local:
            return local
        if sentence.label and (label_key := corpus.lexicon.lookup(sentence.label)):
            return label_key
        first_in_block = sentence.position == 0 and sentence.kind != "item"
        if first_in_block and sentence.section and (head := corpus.lexicon.lookup(sentence.section)):
            return head
        if sentence.kind == "item" and sentence.section and (head := corpus.lexicon.lookup(sentence.section)):
            return head
        if sentence.position > 0 and previous and sentence.kind != "item":
            return previous
    return None


def _finite_verb(tree: Tree, verb: Token) -> Token | None:
    """The finite verb of the subject's clause. "Ossification, also called osteogenesis, is …" parses with the
    participle "called" as the subject's verb and "is" as its conjunct: the conjunct carries the statement."""
    if is_finite(verb):
        return verb
    if verb.tag_ in {"VBD", "VBN"}:
        for child in tree.children(verb):
            if child.dep_ == "conj" and child.i > verb.i and is_finite(child) and \
                    not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tree.children(child)):
                return child
    return None


def facts_from_sentence(sentence: Sentence, corpus: Corpus, previous: str | None = None) -> list[TermFact]:
    """Every clause of the sentence whose subject is a known term (or a pronoun standing for one)."""
    doc: Doc | None = sentence.parsed
    if doc is None or is_anecdotal(sentence.text) or sentence.text.endswith("?"):
        return []
    facts: list[TermFact] = []
    tree = Tree(doc)
    for token in tree.tokens:
        if token.dep_ not in {"nsubj", "nsubjpass"} or tree.head(token).pos_ not in {"VERB", "AUX"}:
            continue
        verb = _finite_verb(tree, tree.head(token))
        subject_tokens = _subject_tokens(tree, token)
        if verb is None or not subject_tokens or subject_tokens[-1].i >= verb.i:
            continue
        local = facts[-1].term if facts else None
        key = _resolve(subject_tokens, sentence, corpus, previous, local)
        if key is None:
            continue
        resolved = corpus.lexicon.lookup(" ".join(t.text for t in subject_tokens)) is None
        if resolved and verb.dep_ not in MAIN_CLAUSE:
            continue
        predicate = _predicate(tree, verb, token)
        if predicate is None or not 2 <= len(tokens(predicate.text)) <= 22:
            continue
        relation, obj = _relation(tree, verb, predicate)
        subject_text = corpus.lexicon.display(key) if resolved else " ".join(t.text for t in subject_tokens)
        plural = clause_is_plural(token, verb)
        subject_plural = corpus.is_plural(subject_text) if resolved else plural
        text, agree = _render(tree, verb, token, predicate)
        copular = verb.lemma_ == "be" and any(c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}
                                              for c in tree.children(verb))
        facts.append(TermFact(key, subject_text, text, relation, obj.strip(), sentence, plural,
                              resolved=resolved, subject_plural=subject_plural, agree=agree, copular=copular))
    if not facts and sentence.kind == "item":
        facts = _subjectless_item(tree, sentence, corpus)
    if len(facts) == 2 and facts[0].term != facts[1].term and not corpus.lexicon.related(facts[0].term,
                                                                                         facts[1].term):
        first, second = facts
        facts = [_with_partner(first, second.term), _with_partner(second, first.term)]
    return facts


def _subjectless_item(tree: Tree, sentence: Sentence, corpus: Corpus) -> list[TermFact]:
    """List items under a term heading that omit the subject: "Occurs only in …", "The process in which …"."""
    key = corpus.lexicon.lookup(sentence.label or sentence.section)
    tokens = tree.tokens
    if key is None or not tokens:
        return []
    end = len(tokens)
    for index in range(1, len(tokens) - 1):
        if tokens[index].text in {",", ";"} and tokens[index + 1].lower_ in CLAUSE_OPENERS:
            end = index
            break
    text = tree.doc[:end].text.rstrip(" .")
    display = corpus.lexicon.display(key)
    subject_plural = corpus.is_plural(display)
    if tokens[0].lower_ in {"the", "a", "an"} and tokens[1].lower_ in {"process", "formation", "deposition", "method"}:
        obj = text[:1].lower() + text[1:]
        return [TermFact(key, display, f"is {obj}", "definition", obj, sentence, resolved=True,
                         subject_plural=subject_plural, agree=(0, 2, "be", "VBZ"), copular=True)]
    if tokens[0].pos_ in {"VERB", "AUX"} and tokens[0].tag_ in {"VBZ", "MD"} and 3 <= end <= 22:
        predicate = text[:1].lower() + text[1:]
        agree = (0, len(tokens[0].text), tokens[0].lemma_, tokens[0].tag_)
        return [TermFact(key, display, predicate, "property", "", sentence, resolved=True,
                         subject_plural=subject_plural, agree=agree, copular=tokens[0].lemma_ == "be")]
    return []


def _with_partner(fact: TermFact, partner: str) -> TermFact:
    return replace(fact, partner=partner)


def mine_facts(corpus: Corpus) -> list[TermFact]:
    """All term facts of the corpus, in document order."""
    facts: list[TermFact] = []
    previous: str | None = None
    previous_block = (-1, -1)
    for sentence in corpus.sentences:
        block = (sentence.doc_index, sentence.block_index)
        if block != previous_block:
            previous = None
        found = facts_from_sentence(sentence, corpus, previous)
        facts.extend(found)
        corpus.fact_subjects.update(f.term for f in found)
        if found:
            previous = found[0].term
        previous_block = block
    return facts
