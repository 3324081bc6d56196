"""Charts and their data tables, shared by the public pages and the reports. Pure: matplotlib and pandas, no Django.

tables.py turns an assessment entry into pandas tables; series.py, areas.py and grid.py draw matplotlib figures
(never pyplot) through drawing.py; context.py chooses an entry's charts and shapes them for a template.
area_lines.py draws an area's series beside its region's, nation's and the UK's for the area page.
"""
