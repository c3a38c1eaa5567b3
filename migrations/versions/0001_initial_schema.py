"""Initial schema: accounts, question sets, study state, classes and live sessions.

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 13:55:59.534013

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.Enum('student', 'teacher', 'admin', name='user_role', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('desired_retention', sa.Double(), nullable=False),
    sa.Column('new_cards_per_day', sa.Integer(), nullable=False),
    sa.CheckConstraint('desired_retention >= 0.7 AND desired_retention <= 0.97', name=op.f('ck_users_retention_range')),
    sa.CheckConstraint('new_cards_per_day >= 0 AND new_cards_per_day <= 1000', name=op.f('ck_users_new_cards_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('classrooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], name=op.f('fk_classrooms_teacher_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classrooms')),
    sa.UniqueConstraint('join_code', name=op.f('uq_classrooms_join_code'))
    )
    with op.batch_alter_table('classrooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_classrooms_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('role', sa.Enum('student', 'teacher', 'admin', name='user_role', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('note', sa.String(length=120), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_invites_created_by_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['used_by_id'], ['users.id'], name=op.f('fk_invites_used_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invites')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invites_token_hash'))
    )
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invites_created_by_id'), ['created_by_id'], unique=False)

    op.create_table('question_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('visibility', sa.Enum('private', 'shared', 'public', name='visibility', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('source_file', sa.String(length=255), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_question_sets_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_sets'))
    )
    with op.batch_alter_table('question_sets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_sets_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_sets_visibility'), ['visibility'], unique=False)

    op.create_table('assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('question_set_id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classrooms.id'], name=op.f('fk_assignments_classroom_id_classrooms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_set_id'], ['question_sets.id'], name=op.f('fk_assignments_question_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments')),
    sa.UniqueConstraint('classroom_id', 'question_set_id', name=op.f('uq_assignments_classroom_id_question_set_id'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_question_set_id'), ['question_set_id'], unique=False)

    op.create_table('enrollments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classrooms.id'], name=op.f('fk_enrollments_classroom_id_classrooms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['users.id'], name=op.f('fk_enrollments_student_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollments')),
    sa.UniqueConstraint('classroom_id', 'student_id', name=op.f('uq_enrollments_classroom_id_student_id'))
    )
    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollments_student_id'), ['student_id'], unique=False)

    op.create_table('facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_set_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('date', 'figure', 'quote', 'person', name='fact_kind', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('speaker', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=200), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_set_id'], ['question_sets.id'], name=op.f('fk_facts_question_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facts')),
    sa.UniqueConstraint('question_set_id', 'key', name=op.f('uq_facts_question_set_id_key'))
    )
    op.create_table('live_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('host_id', sa.Integer(), nullable=False),
    sa.Column('question_set_id', sa.Integer(), nullable=False),
    sa.Column('pin', sa.String(length=12), nullable=False),
    sa.Column('phase', sa.Enum('lobby', 'question', 'reveal', 'leaderboard', 'finished', name='live_phase', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('question_ids', sa.JSON(), nullable=False),
    sa.Column('seconds_per_question', sa.Integer(), nullable=False),
    sa.Column('current_index', sa.Integer(), nullable=False),
    sa.Column('phase_started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('phase_deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paused_remaining_ms', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['host_id'], ['users.id'], name=op.f('fk_live_sessions_host_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_set_id'], ['question_sets.id'], name=op.f('fk_live_sessions_question_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_sessions'))
    )
    with op.batch_alter_table('live_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_sessions_host_id'), ['host_id'], unique=False)
        batch_op.create_index('uq_live_sessions_active_pin', ['pin'], unique=True, sqlite_where=sa.text("phase != 'finished'"), postgresql_where=sa.text("phase != 'finished'"))

    op.create_table('live_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('nickname', sa.String(length=24), nullable=False),
    sa.Column('rejoin_token_hash', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_live_participants_session_id_live_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_live_participants_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_participants')),
    sa.UniqueConstraint('rejoin_token_hash', name=op.f('uq_live_participants_rejoin_token_hash')),
    sa.UniqueConstraint('session_id', 'nickname', name=op.f('uq_live_participants_session_id_nickname'))
    )
    with op.batch_alter_table('live_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_participants_user_id'), ['user_id'], unique=False)

    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_set_id', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('type', sa.Enum('multiple_choice', 'cloze', 'true_false', 'short_answer', 'who_said', 'order', name='question_type', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('status', sa.Enum('draft', 'approved', 'retired', name='question_status', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('prompt', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('accept', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('fact_keys', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['fact_id'], ['facts.id'], name=op.f('fk_questions_fact_id_facts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_set_id'], ['question_sets.id'], name=op.f('fk_questions_question_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
    sa.UniqueConstraint('question_set_id', 'key', name=op.f('uq_questions_question_set_id_key'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_fact_id'), ['fact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_question_set_id_status_position'), ['question_set_id', 'status', 'position'], unique=False)

    op.create_table('card_states',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('stability', sa.Double(), nullable=True),
    sa.Column('difficulty', sa.Double(), nullable=True),
    sa.Column('due', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_review', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reps', sa.Integer(), nullable=False),
    sa.Column('lapses', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_card_states_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_card_states_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_states')),
    sa.UniqueConstraint('user_id', 'question_id', name=op.f('uq_card_states_user_id_question_id'))
    )
    with op.batch_alter_table('card_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_states_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_states_user_id_due'), ['user_id', 'due'], unique=False)

    op.create_table('live_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=500), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('response_ms', sa.Integer(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['live_participants.id'], name=op.f('fk_live_answers_participant_id_live_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_live_answers_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['live_sessions.id'], name=op.f('fk_live_answers_session_id_live_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_answers')),
    sa.UniqueConstraint('session_id', 'participant_id', 'question_id', name=op.f('uq_live_answers_session_id_participant_id_question_id'))
    )
    with op.batch_alter_table('live_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_answers_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_answers_question_id'), ['question_id'], unique=False)

    op.create_table('review_logs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('answer_given', sa.Text(), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=True),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('request_token', sa.String(length=64), nullable=True),
    sa.CheckConstraint('rating >= 1 AND rating <= 4', name=op.f('ck_review_logs_rating_range')),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_review_logs_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_logs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_logs')),
    sa.UniqueConstraint('request_token', name=op.f('uq_review_logs_request_token'))
    )
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_logs_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_logs_user_id_reviewed_at'), ['user_id', 'reviewed_at'], unique=False)



def downgrade():
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_logs_user_id_reviewed_at'))
        batch_op.drop_index(batch_op.f('ix_review_logs_question_id'))

    op.drop_table('review_logs')
    with op.batch_alter_table('live_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_answers_question_id'))
        batch_op.drop_index(batch_op.f('ix_live_answers_participant_id'))

    op.drop_table('live_answers')
    with op.batch_alter_table('card_states', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_states_user_id_due'))
        batch_op.drop_index(batch_op.f('ix_card_states_question_id'))

    op.drop_table('card_states')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_question_set_id_status_position'))
        batch_op.drop_index(batch_op.f('ix_questions_fact_id'))

    op.drop_table('questions')
    with op.batch_alter_table('live_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_participants_user_id'))

    op.drop_table('live_participants')
    with op.batch_alter_table('live_sessions', schema=None) as batch_op:
        batch_op.drop_index('uq_live_sessions_active_pin', sqlite_where=sa.text("phase != 'finished'"), postgresql_where=sa.text("phase != 'finished'"))
        batch_op.drop_index(batch_op.f('ix_live_sessions_host_id'))

    op.drop_table('live_sessions')
    op.drop_table('facts')
    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollments_student_id'))

    op.drop_table('enrollments')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_question_set_id'))

    op.drop_table('assignments')
    with op.batch_alter_table('question_sets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_sets_visibility'))
        batch_op.drop_index(batch_op.f('ix_question_sets_owner_id'))

    op.drop_table('question_sets')
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invites_created_by_id'))

    op.drop_table('invites')
    with op.batch_alter_table('classrooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classrooms_teacher_id'))

    op.drop_table('classrooms')
    op.drop_table('users')
