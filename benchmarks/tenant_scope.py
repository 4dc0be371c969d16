"""What tenant isolation costs: a scoped ORM query against the same query without scoping,
and against the bare SQL with a hand-written tenant condition (the floor).

Runs on its own SQLite file (or DATABASE_URL) with 10 tenants x 5,000 people.
"""

from __future__ import annotations

import statistics

from benchmarks.support import percentile, setup_django, timed


def main(tenants: int = 10, people_per_tenant: int = 5000, repeat: int = 300) -> dict[str, float]:
    setup_django()
    from django.db import connection, transaction

    from anlaufstelle.core.models import Person, Tenant
    from anlaufstelle.core.tenancy import all_tenants, tenant_context

    with all_tenants(), transaction.atomic():
        Person.objects.all().delete()
        Tenant.objects.filter(slug__startswith="bench").delete()
        created = [
            Tenant.objects.create(slug=f"bench{i}", name=f"Bench {i}", name_de=f"Bench {i}") for i in range(tenants)
        ]
        Person.objects.bulk_create(
            Person(tenant=t, given_names=f"Vorname{n}", family_name=f"Name{n % 500:03d}", email=f"p{n}@example.org")
            for t in created
            for n in range(people_per_tenant)
        )
    target = created[tenants // 2]
    table = Person._meta.db_table

    def bare() -> object:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, given_names, family_name, email FROM {table} "  # noqa: S608
                "WHERE tenant_id = %s AND family_name = %s ORDER BY given_names LIMIT 50",
                [target.pk, "Name123"],
            )
            return cursor.fetchall()

    def orm_unscoped() -> object:
        with all_tenants():
            return list(
                Person.objects.filter(tenant_id=target.pk, family_name="Name123")
                .order_by("given_names")
                .values_list("id", "given_names", "family_name", "email")[:50]
            )

    def orm_scoped() -> object:
        with tenant_context(target):
            return list(
                Person.objects.filter(family_name="Name123")
                .order_by("given_names")
                .values_list("id", "given_names", "family_name", "email")[:50]
            )

    assert sorted(bare()) == sorted(orm_scoped()) == sorted(orm_unscoped())  # type: ignore[type-var]
    runs = {
        name: timed(fn, repeat)
        for name, fn in [
            ("bare SQL (floor)", bare),
            ("ORM, tenant filter by hand", orm_unscoped),
            ("ORM, scoped manager", orm_scoped),
        ]
    }
    results = {name: statistics.median(samples) for name, samples in runs.items()}
    floor = results["bare SQL (floor)"]
    for name, samples in runs.items():
        print(
            f"   {name:28s} p50 {results[name]:7.3f} ms  p95 {percentile(samples, 95):7.3f} ms  "
            f"ratio to floor {results[name] / floor:5.2f}x",
            flush=True,
        )
    overhead = results["ORM, scoped manager"] / results["ORM, tenant filter by hand"]
    print(f"   scoping overhead over the same ORM query by hand: {overhead:.2f}x ({connection.vendor})")
    return results


if __name__ == "__main__":
    main()
