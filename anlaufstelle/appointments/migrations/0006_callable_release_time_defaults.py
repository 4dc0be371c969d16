# The default release times become functions instead of fixed times (see
# appointments/models/capacity.py). Django keeps defaults in Python, not in the database, so
# only the migration state changes; as a plain AlterField SQLite would rebuild both tables.

import anlaufstelle.appointments.models.capacity
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('appointments', '0005_kpi_day_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='location',
                    name='emergency_release_time',
                    field=models.TimeField(default=anlaufstelle.appointments.models.capacity.seven_in_the_morning, verbose_name='Freigabe des Notfallkontingents'),
                ),
                migrations.AlterField(
                    model_name='service',
                    name='release_time',
                    field=models.TimeField(default=anlaufstelle.appointments.models.capacity.eight_in_the_morning, help_text='Uhrzeit, zu der jeden Tag der nächste Tag am Ende des Buchungszeitraums buchbar wird.', verbose_name='tägliche Freischaltung'),
                ),
            ],
            database_operations=[],
        ),
    ]
