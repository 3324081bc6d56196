# Stage 1: the GOV.UK Design System styles, compiled from the npm packages in package-lock.json.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tracker/scss tracker/scss
RUN mkdir -p tracker/static && npm run build

# Stage 2: the service.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MPLBACKEND=Agg \
    DJANGO_PRODUCTION=true \
    DJANGO_STATIC_ROOT=/app/staticfiles

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
COPY --from=assets /build/tracker/static/app.css tracker/static/app.css
RUN DJANGO_SECRET_KEY=$(python -c "import secrets; print(secrets.token_urlsafe(60))") \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media \
    && useradd --create-home --uid 10001 monitor \
    && chown -R monitor /app
USER monitor

EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
