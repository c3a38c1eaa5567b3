"""Extension objects, created unbound here and bound to an app in ``create_app``."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from studyapp.database import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Limits are set per route (log-in, registration, joining a game, answers); storage comes
# from RATELIMIT_STORAGE_URI: memory on one process, Redis when REDIS_URL is set.
limiter = Limiter(key_func=get_remote_address, headers_enabled=True)
