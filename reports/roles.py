"""The roles of the monitoring body, as groups. Created by a migration; `sync_roles` brings them up to date."""

ROLES = {
    "Target editor": [
        "missions.view_mission",
        "missions.change_mission",
        "missions.view_metric",
        "missions.change_metric",
        "missions.view_metricseries",
        "missions.view_target",
        "missions.change_target",
        "missions.view_historicalmission",
        "missions.view_historicalmetric",
        "missions.view_historicaltarget",
    ],
    "Analyst": [
        "missions.view_source",
        "missions.add_source",
        "missions.change_source",
        "missions.trigger_ingest",
        "missions.view_release",
        "missions.add_release",
        "missions.review_release",
        "missions.view_heldbackrow",
        "missions.view_indicator",
        "missions.view_observation",
        "missions.view_assessment",
        "reports.view_report",
        "reports.add_report",
        "reports.change_report",
    ],
    "Approver": [
        "reports.view_report",
        "reports.approve_report",
        "missions.view_release",
        "missions.view_heldbackrow",
        "missions.confirm_release",
    ],
    "Publisher": [
        "reports.view_report",
        "reports.schedule_report",
        "reports.publish_report",
        "reports.view_schedulechange",
    ],
    "Auditor": "view",  # every view_* permission, history included, but never the two-factor devices
    "Administrator": "all",
}
# Two-factor devices hold each person's TOTP secret: only the Administrator role may see or change them.
ADMINISTRATOR_ONLY_APPS = ("otp_",)


def _administrator_only(permission) -> bool:
    return permission.content_type.app_label.startswith(ADMINISTRATOR_ONLY_APPS)


def sync_roles(*, group_model, permission_model) -> None:
    """Create or update every role group with exactly its permissions."""
    every = permission_model.objects.select_related("content_type")
    for name, spec in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        if spec == "all":
            wanted = list(every)
        elif spec == "view":
            wanted = [p for p in every if p.codename.startswith("view_") and not _administrator_only(p)]
        else:
            pairs = {tuple(code.split(".")) for code in spec}
            wanted = [
                p for p in every if (p.content_type.app_label, p.codename) in pairs and not _administrator_only(p)
            ]
            missing = pairs - {(p.content_type.app_label, p.codename) for p in wanted}
            if missing:
                raise LookupError(f"role {name}: unknown permissions {sorted(missing)}")
        group.permissions.set(wanted)
