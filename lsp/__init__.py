"""Language server (pygls); see server.py."""
