"""Campaign actions: petitions, meeting reports, consultations."""
