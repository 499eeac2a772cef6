"""Domain: entities, value objects and business rules of HubDesk; pure, no I/O."""
