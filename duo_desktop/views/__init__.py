"""Qt widgets: one file per screen, item models beside the view that shows them."""
