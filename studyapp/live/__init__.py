"""Live classroom quiz sessions: a PIN, phones, a timer and a leaderboard."""
