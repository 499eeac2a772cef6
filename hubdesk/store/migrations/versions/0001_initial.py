"""Records, settings, sequences, the sync support tables and the full-text index.

Revision ID: 0001_initial
Revises:

The DDL is frozen here as text (not generated from the models at run time), so a
later change to the models can never alter what this released step creates. A test
checks that a database built by the migrations matches the models at head.
"""

from __future__ import annotations

from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = [
    'CREATE TABLE "conflict" (\n\tid VARCHAR(36) NOT NULL, \n\tentity VARCHAR(32) NOT NULL, \n\trecord_id VARCHAR(36) NOT NULL, \n\tfield VARCHAR(64) NOT NULL, \n\tbase TEXT, \n\tmine TEXT, \n\ttheirs TEXT, \n\tauthors TEXT, \n\tclocks TEXT, \n\tcreated_at VARCHAR(32) NOT NULL, \n\tresolved_at VARCHAR(32), \n\tresolution TEXT, \n\tversion INTEGER NOT NULL, \n\tCONSTRAINT pk_conflict PRIMARY KEY (id)\n)',
    'CREATE INDEX ix_conflict_entity_record_id ON "conflict" (entity, record_id)',
    "CREATE TABLE enterprise (\n\tnumber VARCHAR(10) NOT NULL, \n\tname TEXT NOT NULL, \n\tlegal_form TEXT NOT NULL, \n\tnace_codes TEXT NOT NULL, \n\tsector VARCHAR(64), \n\tstreet TEXT NOT NULL, \n\tpostal_code VARCHAR(8) NOT NULL, \n\tcommune_nis VARCHAR(8), \n\tcity TEXT NOT NULL, \n\tcountry VARCHAR(2) NOT NULL, \n\tlanguage VARCHAR(2) NOT NULL, \n\tvat_number VARCHAR(16), \n\tiban VARCHAR(40), \n\temail TEXT, \n\tphone VARCHAR(20), \n\theadcount VARCHAR(24), \n\tturnover_eur VARCHAR(24), \n\tbalance_sheet_eur VARCHAR(24), \n\trelated TEXT NOT NULL, \n\taccount_manager VARCHAR(64), \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_enterprise PRIMARY KEY (rid), \n\tCONSTRAINT uq_enterprise_id UNIQUE (id)\n)",
    "CREATE INDEX ix_enterprise_account_manager ON enterprise (account_manager)",
    "CREATE INDEX ix_enterprise_commune_nis ON enterprise (commune_nis)",
    "CREATE INDEX ix_enterprise_id_name ON enterprise (id, name)",
    "CREATE UNIQUE INDEX ix_enterprise_name_id_sector ON enterprise (name, id, sector)",
    "CREATE INDEX ix_enterprise_number ON enterprise (number)",
    "CREATE INDEX ix_enterprise_sector_id ON enterprise (sector, id)",
    "CREATE TABLE field_clock (\n\tentity VARCHAR(32) NOT NULL, \n\trecord_id VARCHAR(36) NOT NULL, \n\tfield VARCHAR(64) NOT NULL, \n\thlc VARCHAR(64) NOT NULL, \n\tCONSTRAINT pk_field_clock PRIMARY KEY (entity, record_id, field)\n)",
    "CREATE TABLE outbox (\n\tmutation_id VARCHAR(36) NOT NULL, \n\tdevice_seq INTEGER NOT NULL, \n\tgroup_id VARCHAR(36), \n\tentity VARCHAR(32) NOT NULL, \n\trecord_id VARCHAR(36) NOT NULL, \n\top VARCHAR(8) NOT NULL, \n\tpayload TEXT NOT NULL, \n\tcreated_at VARCHAR(32) NOT NULL, \n\tCONSTRAINT pk_outbox PRIMARY KEY (mutation_id), \n\tCONSTRAINT uq_outbox_device_seq UNIQUE (device_seq)\n)",
    "CREATE INDEX ix_outbox_entity_record_id ON outbox (entity, record_id)",
    "CREATE TABLE record_meta (\n\tentity VARCHAR(32) NOT NULL, \n\trecord_id VARCHAR(36) NOT NULL, \n\tserver_version INTEGER NOT NULL, \n\tscope_keys TEXT NOT NULL, \n\tCONSTRAINT pk_record_meta PRIMARY KEY (entity, record_id)\n)",
    "CREATE TABLE sequence (\n\tname VARCHAR(64) NOT NULL, \n\tvalue INTEGER NOT NULL, \n\tCONSTRAINT pk_sequence PRIMARY KEY (name)\n)",
    'CREATE TABLE setting (\n\t"key" VARCHAR(64) NOT NULL, \n\tvalue TEXT NOT NULL, \n\tCONSTRAINT pk_setting PRIMARY KEY ("key")\n)',
    'CREATE TABLE sync_state (\n\t"key" VARCHAR(128) NOT NULL, \n\tvalue TEXT NOT NULL, \n\tCONSTRAINT pk_sync_state PRIMARY KEY ("key")\n)',
    'CREATE TABLE "case" (\n\treference VARCHAR(32) NOT NULL, \n\tenterprise_id VARCHAR(36) NOT NULL, \n\ttitle TEXT NOT NULL, \n\tkind VARCHAR(32) NOT NULL, \n\tstatus VARCHAR(32) NOT NULL, \n\taccount_manager VARCHAR(64), \n\tcommune_nis VARCHAR(8), \n\tattache_post VARCHAR(64), \n\topened_on VARCHAR(10), \n\tdue_on VARCHAR(10), \n\tclosed_on VARCHAR(10), \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_case PRIMARY KEY (rid), \n\tCONSTRAINT uq_case_reference UNIQUE (reference), \n\tCONSTRAINT fk_case_enterprise_id FOREIGN KEY(enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_case_id UNIQUE (id)\n)',
    'CREATE INDEX ix_case_list_account_manager ON "case" (account_manager, updated_at, rid, status, kind, commune_nis, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_attache_post ON "case" (attache_post, updated_at, rid, status, kind, commune_nis, account_manager, enterprise_id)',
    'CREATE INDEX ix_case_list_commune_nis ON "case" (commune_nis, updated_at, rid, status, kind, account_manager, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_due_on ON "case" (due_on, rid, status, kind, commune_nis, account_manager, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_due_on_nulls_last ON "case" ((due_on IS NULL), due_on, rid, status, kind, commune_nis, account_manager, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_enterprise_id ON "case" (enterprise_id, rid, status, kind, commune_nis, account_manager, attache_post)',
    'CREATE INDEX ix_case_list_kind ON "case" (kind, updated_at, rid, status, commune_nis, account_manager, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_reference ON "case" (reference, rid, status, kind, commune_nis, account_manager, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_status ON "case" (status, updated_at, rid, kind, commune_nis, account_manager, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_title ON "case" (title, rid, status, kind, commune_nis, account_manager, attache_post, enterprise_id)',
    'CREATE INDEX ix_case_list_updated_at ON "case" (updated_at, rid, status, kind, commune_nis, account_manager, attache_post, enterprise_id)',
    "CREATE TABLE contact (\n\tenterprise_id VARCHAR(36) NOT NULL, \n\tname TEXT NOT NULL, \n\trole TEXT NOT NULL, \n\tphone VARCHAR(20), \n\temail TEXT, \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_contact PRIMARY KEY (rid), \n\tCONSTRAINT fk_contact_enterprise_id FOREIGN KEY(enterprise_id) REFERENCES enterprise (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_contact_id UNIQUE (id)\n)",
    "CREATE INDEX ix_contact_enterprise_id ON contact (enterprise_id)",
    'CREATE TABLE attachment (\n\tcase_id VARCHAR(36) NOT NULL, \n\tname TEXT NOT NULL, \n\tmedia_type VARCHAR(128) NOT NULL, \n\tsize INTEGER NOT NULL, \n\tsha256 VARCHAR(64) NOT NULL, \n\tadded_at VARCHAR(32), \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_attachment PRIMARY KEY (rid), \n\tCONSTRAINT fk_attachment_case_id FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_attachment_id UNIQUE (id)\n)',
    "CREATE INDEX ix_attachment_case_id ON attachment (case_id)",
    "CREATE INDEX ix_attachment_sha256 ON attachment (sha256)",
    'CREATE TABLE form_answers (\n\tcase_id VARCHAR(36) NOT NULL, \n\tform_id VARCHAR(64) NOT NULL, \n\tform_version INTEGER NOT NULL, \n\tanswers TEXT NOT NULL, \n\tstatus VARCHAR(16) NOT NULL, \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_form_answers PRIMARY KEY (rid), \n\tCONSTRAINT fk_form_answers_case_id FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_form_answers_id UNIQUE (id)\n)',
    "CREATE INDEX ix_form_answers_case_id ON form_answers (case_id)",
    'CREATE TABLE status_change (\n\tcase_id VARCHAR(36) NOT NULL, \n\tfrom_status VARCHAR(32), \n\tto_status VARCHAR(32) NOT NULL, \n\tchanged_at VARCHAR(32) NOT NULL, \n\tauthor VARCHAR(64), \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_status_change PRIMARY KEY (rid), \n\tCONSTRAINT fk_status_change_case_id FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_status_change_id UNIQUE (id)\n)',
    "CREATE INDEX ix_status_change_case_id ON status_change (case_id)",
    'CREATE TABLE task (\n\tcase_id VARCHAR(36) NOT NULL, \n\ttitle TEXT NOT NULL, \n\tdue_on VARCHAR(10), \n\tdone BOOLEAN NOT NULL, \n\tdone_on VARCHAR(10), \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_task PRIMARY KEY (rid), \n\tCONSTRAINT fk_task_case_id FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_task_id UNIQUE (id)\n)',
    "CREATE INDEX ix_task_case_id ON task (case_id)",
    "CREATE INDEX ix_task_done_due_on ON task (done, due_on)",
    'CREATE TABLE visit (\n\tcase_id VARCHAR(36) NOT NULL, \n\toccurred_at VARCHAR(32) NOT NULL, \n\tchannel VARCHAR(16) NOT NULL, \n\tplace TEXT NOT NULL, \n\tnotes TEXT NOT NULL, \n\tauthor VARCHAR(64), \n\trid INTEGER NOT NULL, \n\tid VARCHAR(36) NOT NULL, \n\tversion INTEGER NOT NULL, \n\tupdated_at VARCHAR(32), \n\tCONSTRAINT pk_visit PRIMARY KEY (rid), \n\tCONSTRAINT fk_visit_case_id FOREIGN KEY(case_id) REFERENCES "case" (id) ON DELETE CASCADE, \n\tCONSTRAINT uq_visit_id UNIQUE (id)\n)',
    "CREATE INDEX ix_visit_case_id ON visit (case_id)",
    "CREATE VIRTUAL TABLE fts_enterprise USING fts5(name, number, content='enterprise', content_rowid='rid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    'CREATE TRIGGER fts_enterprise_ai AFTER INSERT ON "enterprise" BEGIN INSERT INTO fts_enterprise(rowid, name, number) VALUES (new.rid, new.name, new.number); END',
    "CREATE TRIGGER fts_enterprise_ad AFTER DELETE ON \"enterprise\" BEGIN INSERT INTO fts_enterprise(fts_enterprise, rowid, name, number) VALUES ('delete', old.rid, old.name, old.number); END",
    "CREATE TRIGGER fts_enterprise_au AFTER UPDATE OF name, number ON \"enterprise\" BEGIN INSERT INTO fts_enterprise(fts_enterprise, rowid, name, number) VALUES ('delete', old.rid, old.name, old.number); INSERT INTO fts_enterprise(rowid, name, number) VALUES (new.rid, new.name, new.number); END",
    "CREATE VIRTUAL TABLE fts_contact USING fts5(name, role, content='contact', content_rowid='rid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    'CREATE TRIGGER fts_contact_ai AFTER INSERT ON "contact" BEGIN INSERT INTO fts_contact(rowid, name, role) VALUES (new.rid, new.name, new.role); END',
    "CREATE TRIGGER fts_contact_ad AFTER DELETE ON \"contact\" BEGIN INSERT INTO fts_contact(fts_contact, rowid, name, role) VALUES ('delete', old.rid, old.name, old.role); END",
    "CREATE TRIGGER fts_contact_au AFTER UPDATE OF name, role ON \"contact\" BEGIN INSERT INTO fts_contact(fts_contact, rowid, name, role) VALUES ('delete', old.rid, old.name, old.role); INSERT INTO fts_contact(rowid, name, role) VALUES (new.rid, new.name, new.role); END",
    "CREATE VIRTUAL TABLE fts_case USING fts5(title, reference, content='case', content_rowid='rid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    'CREATE TRIGGER fts_case_ai AFTER INSERT ON "case" BEGIN INSERT INTO fts_case(rowid, title, reference) VALUES (new.rid, new.title, new.reference); END',
    "CREATE TRIGGER fts_case_ad AFTER DELETE ON \"case\" BEGIN INSERT INTO fts_case(fts_case, rowid, title, reference) VALUES ('delete', old.rid, old.title, old.reference); END",
    "CREATE TRIGGER fts_case_au AFTER UPDATE OF title, reference ON \"case\" BEGIN INSERT INTO fts_case(fts_case, rowid, title, reference) VALUES ('delete', old.rid, old.title, old.reference); INSERT INTO fts_case(rowid, title, reference) VALUES (new.rid, new.title, new.reference); END",
    "CREATE VIRTUAL TABLE fts_visit USING fts5(notes, place, content='visit', content_rowid='rid', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    'CREATE TRIGGER fts_visit_ai AFTER INSERT ON "visit" BEGIN INSERT INTO fts_visit(rowid, notes, place) VALUES (new.rid, new.notes, new.place); END',
    "CREATE TRIGGER fts_visit_ad AFTER DELETE ON \"visit\" BEGIN INSERT INTO fts_visit(fts_visit, rowid, notes, place) VALUES ('delete', old.rid, old.notes, old.place); END",
    "CREATE TRIGGER fts_visit_au AFTER UPDATE OF notes, place ON \"visit\" BEGIN INSERT INTO fts_visit(fts_visit, rowid, notes, place) VALUES ('delete', old.rid, old.notes, old.place); INSERT INTO fts_visit(rowid, notes, place) VALUES (new.rid, new.notes, new.place); END",
]

DROPS = [
    'DROP TABLE IF EXISTS "fts_enterprise"',
    'DROP TABLE IF EXISTS "fts_contact"',
    'DROP TABLE IF EXISTS "fts_case"',
    'DROP TABLE IF EXISTS "fts_visit"',
    'DROP TABLE IF EXISTS "visit"',
    'DROP TABLE IF EXISTS "task"',
    'DROP TABLE IF EXISTS "status_change"',
    'DROP TABLE IF EXISTS "form_answers"',
    'DROP TABLE IF EXISTS "attachment"',
    'DROP TABLE IF EXISTS "contact"',
    'DROP TABLE IF EXISTS "case"',
    'DROP TABLE IF EXISTS "sync_state"',
    'DROP TABLE IF EXISTS "setting"',
    'DROP TABLE IF EXISTS "sequence"',
    'DROP TABLE IF EXISTS "record_meta"',
    'DROP TABLE IF EXISTS "outbox"',
    'DROP TABLE IF EXISTS "field_clock"',
    'DROP TABLE IF EXISTS "enterprise"',
    'DROP TABLE IF EXISTS "conflict"',
]


def upgrade() -> None:
    for statement in SCHEMA:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROPS:
        op.execute(statement)
