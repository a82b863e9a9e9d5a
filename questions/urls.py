from django.urls import path

from . import views

urlpatterns = [
    path("", views.bank_list, name="bank-list"),
    path("new/", views.bank_upload, name="bank-upload"),
    path("<int:bank_id>/", views.bank_detail, name="bank-detail"),
    path("<int:bank_id>/settings/", views.bank_settings, name="bank-settings"),
    path("<int:bank_id>/approve/", views.bank_approve, name="bank-approve"),
    path("<int:bank_id>/questions/<int:question_id>/approve/", views.question_approve, name="question-approve"),
    path("<int:bank_id>/questions/<int:question_id>/reject/", views.question_reject, name="question-reject"),
    path("<int:bank_id>/questions/<int:question_id>/edit/", views.question_edit, name="question-edit"),
    path("<int:bank_id>/questions/<int:question_id>/regenerate/", views.question_regenerate,
         name="question-regenerate"),
]

# Import and export (questions/transfer_views.py)
from . import transfer_views  # noqa: E402

urlpatterns += [
    path("import/", transfer_views.bank_import_page, name="bank-import"),
    path("<int:bank_id>/export/", transfer_views.bank_export_page, name="bank-export"),
    path("<int:bank_id>/export/<str:format>/", transfer_views.bank_export_download, name="bank-export-download"),
]
