"""Print a SyncResult the same way for every loading command."""


def write_sync_result(command, result, *, what: str) -> None:
    created = ", ".join(f"{n} {label}" for label, n in sorted(result.created.items())) or "nothing"
    command.stdout.write(f"{what}: created {created}; {sum(result.unchanged.values())} unchanged.")
    if result.differences:
        command.stdout.write(command.style.WARNING(f"{len(result.differences)} difference(s) kept as they are here:"))
        for line in result.differences:
            command.stdout.write(f"  {line}")
