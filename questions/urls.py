from django.urls import path

from . import views

urlpatterns = [
    path("<int:bank_id>/", views.bank_detail, name="bank-detail"),
]
