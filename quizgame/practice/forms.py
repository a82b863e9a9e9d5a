"""Forms that parse what a learner or host sends; the services decide what is allowed."""
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizgame.rooms.services import NICKNAME_MAX

SIZE_CHOICES = [("5", "5"), ("10", "10"), ("20", "20"), ("all", _("All"))]


class RoundStartForm(forms.Form):
    size = forms.ChoiceField(label=_("Questions"), choices=SIZE_CHOICES, initial="10", widget=forms.RadioSelect)
    timer = forms.BooleanField(label=_("Time each question"), required=False)
    nickname = forms.CharField(label=_("Nickname for the leaderboard"), max_length=NICKNAME_MAX, required=False)

    def round_size(self) -> int | None:
        value = self.cleaned_data["size"]
        return None if value == "all" else int(value)


class ChallengeStartForm(forms.Form):
    nickname = forms.CharField(label=_("Your nickname"), max_length=NICKNAME_MAX)


class ChallengeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    closes_at = forms.DateTimeField(
        label=_("Open until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    shuffle = forms.BooleanField(label=_("Shuffle questions and answer tiles for each player"), required=False)
    timer = forms.BooleanField(label=_("Time each question"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["closes_at"].help_text = _("Date and time in %(zone)s.") % {
            "zone": timezone.get_current_timezone_name()
        }
